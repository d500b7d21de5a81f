-- Creating an open conversation on a first self-join (the tutorial's demo) is a setting: on, the
-- first to guess an id owns it, so it is off unless the deployment asks for it.
drop function im_join(text, text, text);

create function im_join(p_cid text, p_actor text, p_user text, p_create_on_join boolean,
                        out outcome text, out users text[], out seqs bigint[], out epochs text[])
    language plpgsql as
$$
declare
    v_conv conversations%rowtype;
begin
    select * into v_conv from conversations c where c.id = p_cid for update;
    if not found then
        if p_actor <> p_user or not p_create_on_join then
            outcome := 'no_conversation';
            return;
        end if;
        insert into conversations (id, owner_id, access, history) values (p_cid, p_user, 'open', 'full')
        on conflict (id) do nothing;
        select * into v_conv from conversations c where c.id = p_cid for update;
    end if;
    if im_is_member(p_cid, p_user) then
        outcome := 'unchanged';
        return;
    end if;
    if not ((p_actor = p_user and v_conv.access = 'open')
        or im_is_member(p_cid, p_actor)) then
        outcome := case when p_actor = p_user then 'invite_only' else 'not_member' end;
        return;
    end if;
    perform im_ensure_heads(array [p_user]);
    insert into members (conversation_id, user_id, active) values (p_cid, p_user, true)
    on conflict (conversation_id, user_id) do update set active = true;
    insert into membership_periods (conversation_id, user_id, first_seq) values (p_cid, p_user, v_conv.last_seq + 1)
    on conflict (conversation_id, user_id, first_seq) do update set last_seq = null;
    select a.users, a.seqs, a.epochs into users, seqs, epochs
    from im_append(im_active_members(p_cid), 'membership', p_cid, null, p_user, 'joined') a;
    outcome := 'changed';
end;
$$;
