-- A member may mute a conversation: its messages still reach every device, but a gateway sends
-- no offline notification for them. A send reports which recipients muted it (one index scan of
-- the muted members only), so that each of their records carries the mark.
alter table members add column muted boolean not null default false;

create index members_muted on members (conversation_id) where muted and active;

create function im_set_muted(p_cid text, p_user text, p_muted boolean) returns text
    language plpgsql as
$$
begin
    update members mb set muted = p_muted
    where mb.conversation_id = p_cid and mb.user_id = p_user and mb.active;
    if found then
        return 'changed';
    end if;
    if not exists (select 1 from conversations c where c.id = p_cid) then
        return 'no_conversation';
    end if;
    return 'not_member';
end;
$$;

-- The recipients of a message who muted its conversation, called in the statement of the send
-- after it took the conversation's row lock (volatile: a snapshot of its own, taken then).
create function im_muted_members(p_cid text) returns text[]
    language plpgsql as
$$
begin
    return array(select mb.user_id from members mb
                 where mb.conversation_id = p_cid and mb.muted and mb.active);
end;
$$;
