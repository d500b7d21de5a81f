-- Creation answers what it wrote on the founding members' chains, like every other write, so the
-- publisher hands those entries to Kafka at once instead of at its next sweep.
drop function im_create(text, text, text[], text, text);

create function im_create(p_cid text, p_owner text, p_members text[], p_access text, p_history text,
                          out outcome text, out users text[], out seqs bigint[], out epochs text[])
    language plpgsql as
$$
declare
    v_member  text;
    v_written record;
begin
    insert into conversations (id, owner_id, access, history) values (p_cid, p_owner, p_access, p_history)
    on conflict (id) do nothing;
    if not found then
        outcome := 'exists';
        return;
    end if;
    perform im_ensure_heads(p_members);
    insert into members (conversation_id, user_id, active) select p_cid, u, true from unnest(p_members) u;
    insert into membership_periods (conversation_id, user_id, first_seq) select p_cid, u, 1 from unnest(p_members) u;
    users := '{}';
    seqs := '{}';
    epochs := '{}';
    -- Each founding member's chain records that they joined; the member list is the conversation's.
    foreach v_member in array (select array_agg(u order by u) from unnest(p_members) u)
        loop
            select * into v_written from im_append(array [v_member], 'membership', p_cid, null, v_member, 'joined');
            users := users || v_written.users;
            seqs := seqs || v_written.seqs;
            epochs := epochs || v_written.epochs;
        end loop;
    outcome := 'created';
end;
$$;

-- The owner's right to remove others lasts while the owner is a member (docs/decisions.md).
create or replace function im_leave(p_cid text, p_actor text, p_user text,
                                    out outcome text, out users text[], out seqs bigint[], out epochs text[])
    language plpgsql as
$$
declare
    v_conv conversations%rowtype;
begin
    select * into v_conv from conversations c where c.id = p_cid for update;
    if not found then
        outcome := 'no_conversation';
        return;
    end if;
    if p_actor <> p_user and (p_actor <> v_conv.owner_id or not im_is_member(p_cid, p_actor)) then
        outcome := 'not_owner';
        return;
    end if;
    if not im_is_member(p_cid, p_user) then
        outcome := 'unchanged';
        return;
    end if;
    select a.users, a.seqs, a.epochs into users, seqs, epochs
    from im_append(im_active_members(p_cid), 'membership', p_cid, null, p_user,
                   case when p_actor = p_user then 'left' else 'removed' end) a;
    update members mb set active = false where mb.conversation_id = p_cid and mb.user_id = p_user;
    update membership_periods p set last_seq = v_conv.last_seq
    where p.conversation_id = p_cid and p.user_id = p_user and p.last_seq is null;
    outcome := 'changed';
end;
$$;
