-- A message may mention members (content.mentions: user ids, or "@all" from the owner). Each
-- mentioned member gets a row here; their 'message' entry reads "mentioned":true, and the list
-- counts the mentions they have not read yet. A send without mentions calls im_send as before.
create table mentions (
    user_id         text   not null,
    conversation_id text   not null,
    seq             bigint not null,
    primary key (user_id, conversation_id, seq),
    foreign key (conversation_id, seq) references messages (conversation_id, seq)
);

-- Sends a message that mentions p_mentions (members), or every other member with p_all (the
-- owner only). Refuses before anything is written: 'mention_not_member' (mentioned names the
-- first one), 'not_owner' for @all by anyone else; the rest as im_send.
create function im_send_mentioning(p_cid text, p_sender text, p_client_msg_id text, p_content jsonb,
                                   p_mentions text[], p_all boolean)
    returns table (outcome text, msg_id uuid, msg_seq bigint, sent_at timestamptz, content text,
                   state text, users text[], seqs bigint[], epochs text[], mentioned text[])
    language plpgsql as
$$
declare
    v_send record;
    v_mentioned text[];
    v_stranger text;
begin
    if p_all and not exists (select 1 from conversations c where c.id = p_cid and c.owner_id = p_sender) then
        if exists (select 1 from conversations c where c.id = p_cid) and im_is_member(p_cid, p_sender) then
            outcome := 'not_owner';
            return next;
            return;
        end if;
    end if;
    select u into v_stranger from unnest(p_mentions) u
    where not exists (select 1 from members mb where mb.conversation_id = p_cid and mb.user_id = u and mb.active)
    limit 1;
    if v_stranger is not null and im_is_member(p_cid, p_sender) then
        outcome := 'mention_not_member';
        mentioned := array [v_stranger];
        return next;
        return;
    end if;
    select * into v_send from im_send(p_cid, p_sender, p_client_msg_id, p_content) s;
    outcome := v_send.outcome;
    msg_id := v_send.msg_id;
    msg_seq := v_send.msg_seq;
    sent_at := v_send.sent_at;
    content := v_send.content;
    state := v_send.state;
    users := v_send.users;
    seqs := v_send.seqs;
    epochs := v_send.epochs;
    if v_send.outcome = 'created' then
        v_mentioned := case when p_all then array(select u from unnest(v_send.users) u where u <> p_sender)
                            else array(select distinct u from unnest(p_mentions) u where u <> p_sender) end;
        insert into mentions (user_id, conversation_id, seq)
        select u, p_cid, v_send.msg_seq from unnest(v_mentioned) u;
        mentioned := v_mentioned;
    end if;
    return next;
end;
$$;
