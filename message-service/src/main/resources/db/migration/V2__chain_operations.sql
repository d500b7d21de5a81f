-- Each operation is one function, so that a send or a membership change costs one round trip
-- and runs in the caller's single transaction. Outcomes other than a write are returned as a
-- word ('not_member', 'no_conversation', ...) that the service turns into an HTTP problem.
-- Lock order everywhere: conversations row -> user_heads rows by user_id -> members rows.

-- Appends one entry to each listed user's chain, locking their heads in user_id order.
create function im_append(p_users text[], p_kind text, p_cid text, p_ref_seq bigint,
                          p_subject text, p_change text,
                          out users text[], out seqs bigint[], out epochs text[])
    language plpgsql as
$$
begin
    perform 1 from user_heads h where h.user_id = any (p_users) order by h.user_id for update;
    with bumped as (
        update user_heads h set head_seq = h.head_seq + 1
            where h.user_id = any (p_users)
            returning h.user_id, h.head_seq, h.epoch),
         written as (
             insert into user_entries (user_id, seq, kind, conversation_id, ref_seq, subject_id, change)
                 select b.user_id, b.head_seq, p_kind, p_cid, p_ref_seq, p_subject, p_change from bumped b)
    select coalesce(array_agg(b.user_id order by b.user_id), '{}'),
           coalesce(array_agg(b.head_seq order by b.user_id), '{}'),
           coalesce(array_agg(b.epoch order by b.user_id), '{}')
    into users, seqs, epochs
    from bumped b;
end;
$$;

create function im_ensure_heads(p_users text[]) returns void
    language sql as
$$
insert into user_heads (user_id)
select u from unnest(p_users) u order by u
on conflict (user_id) do nothing;
$$;

create function im_is_member(p_cid text, p_user text) returns boolean
    language sql stable as
$$
select exists (select 1 from members mb where mb.conversation_id = p_cid and mb.user_id = p_user and mb.active);
$$;

create function im_active_members(p_cid text) returns text[]
    language sql stable as
$$
select coalesce(array_agg(mb.user_id order by mb.user_id), '{}')
from members mb where mb.conversation_id = p_cid and mb.active;
$$;

create function im_send(p_cid text, p_sender text, p_client_msg_id text, p_content jsonb,
                        out outcome text, out msg_id uuid, out msg_seq bigint, out sent_at timestamptz,
                        out content text, out state text,
                        out users text[], out seqs bigint[], out epochs text[])
    language plpgsql as
$$
declare
    v_last bigint;
    v_msg  messages%rowtype;
begin
    select c.last_seq into v_last from conversations c where c.id = p_cid for update;
    if not found then
        outcome := 'no_conversation';
        return;
    end if;
    if p_client_msg_id is not null then
        select * into v_msg from messages m
        where m.conversation_id = p_cid and m.sender_id = p_sender and m.client_msg_id = p_client_msg_id;
        if found then
            outcome := 'duplicate';
        end if;
    end if;
    if outcome is null then
        if not im_is_member(p_cid, p_sender) then
            outcome := 'not_member';
            return;
        end if;
        update conversations c set last_seq = v_last + 1 where c.id = p_cid;
        insert into messages (conversation_id, seq, sender_id, client_msg_id, content)
        values (p_cid, v_last + 1, p_sender, p_client_msg_id, p_content)
        returning * into v_msg;
        select a.users, a.seqs, a.epochs into users, seqs, epochs
        from im_append(im_active_members(p_cid), 'message', p_cid, v_msg.seq, null, null) a;
        update members mb set read_seq = v_msg.seq
        where mb.conversation_id = p_cid and mb.user_id = p_sender and mb.read_seq < v_msg.seq;
        outcome := 'created';
    end if;
    msg_id := v_msg.id;
    msg_seq := v_msg.seq;
    sent_at := v_msg.sent_at;
    content := v_msg.content::text;
    state := v_msg.state;
end;
$$;

create function im_create(p_cid text, p_owner text, p_members text[], p_access text, p_history text)
    returns text
    language plpgsql as
$$
declare
    v_member text;
begin
    insert into conversations (id, owner_id, access, history) values (p_cid, p_owner, p_access, p_history)
    on conflict (id) do nothing;
    if not found then
        return 'exists';
    end if;
    perform im_ensure_heads(p_members);
    insert into members (conversation_id, user_id, active) select p_cid, u, true from unnest(p_members) u;
    insert into membership_periods (conversation_id, user_id, first_seq) select p_cid, u, 1 from unnest(p_members) u;
    -- Each founding member's chain records that they joined; the member list is the conversation's.
    foreach v_member in array (select array_agg(u order by u) from unnest(p_members) u)
        loop
            perform im_append(array [v_member], 'membership', p_cid, null, v_member, 'joined');
        end loop;
    return 'created';
end;
$$;

-- Join (actor = user) or add (actor is a member). Creates an open conversation on a first self-join.
create function im_join(p_cid text, p_actor text, p_user text,
                        out outcome text, out users text[], out seqs bigint[], out epochs text[])
    language plpgsql as
$$
declare
    v_conv conversations%rowtype;
begin
    select * into v_conv from conversations c where c.id = p_cid for update;
    if not found then
        if p_actor <> p_user then
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

-- Leave (actor = user) or remove (actor is the owner).
create function im_leave(p_cid text, p_actor text, p_user text,
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
    if p_actor <> p_user and p_actor <> v_conv.owner_id then
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

-- read position = max(old, min(seq, last seq)); a change writes a read entry on the reader's chain.
create function im_mark_read(p_cid text, p_user text, p_seq bigint,
                             out outcome text, out read_seq bigint,
                             out users text[], out seqs bigint[], out epochs text[])
    language plpgsql as
$$
declare
    v_last bigint;
    v_old  bigint;
begin
    select c.last_seq into v_last from conversations c where c.id = p_cid;
    if not found then
        outcome := 'no_conversation';
        return;
    end if;
    perform 1 from user_heads h where h.user_id = p_user for update;
    select mb.read_seq into v_old from members mb where mb.conversation_id = p_cid and mb.user_id = p_user and mb.active;
    if not found then
        outcome := 'not_member';
        return;
    end if;
    read_seq := greatest(v_old, least(p_seq, v_last));
    if read_seq = v_old then
        outcome := 'unchanged';
        return;
    end if;
    select a.users, a.seqs, a.epochs into users, seqs, epochs
    from im_append(array [p_user], 'read', p_cid, read_seq, null, null) a;
    update members mb set read_seq = im_mark_read.read_seq where mb.conversation_id = p_cid and mb.user_id = p_user;
    outcome := 'changed';
end;
$$;

-- Recall by the sender within the window, or by the owner: the content is erased, the seq stays.
create function im_recall(p_cid text, p_user text, p_seq bigint, p_window interval,
                          out outcome text, out users text[], out seqs bigint[], out epochs text[])
    language plpgsql as
$$
declare
    v_conv conversations%rowtype;
    v_msg  messages%rowtype;
begin
    select * into v_conv from conversations c where c.id = p_cid for update;
    if not found then
        outcome := 'no_conversation';
        return;
    end if;
    if not im_is_member(p_cid, p_user) then
        outcome := 'not_member';
        return;
    end if;
    select * into v_msg from messages m where m.conversation_id = p_cid and m.seq = p_seq;
    if not found then
        outcome := 'no_message';
        return;
    end if;
    if v_msg.state = 'recalled' then
        outcome := 'unchanged';
        return;
    end if;
    if p_user <> v_conv.owner_id then
        if p_user <> v_msg.sender_id then
            outcome := 'not_sender';
            return;
        end if;
        if now() - v_msg.sent_at > p_window then
            outcome := 'window_passed';
            return;
        end if;
    end if;
    select a.users, a.seqs, a.epochs into users, seqs, epochs
    from im_append(im_active_members(p_cid), 'recall', p_cid, p_seq, null, null) a;
    update messages m set state = 'recalled', content = null where m.conversation_id = p_cid and m.seq = p_seq;
    outcome := 'changed';
end;
$$;

-- Whether the message exists and the user may see it under the conversation's history rule.
create function im_visible(p_cid text, p_user text, p_seq bigint) returns boolean
    language sql stable as
$$
select exists (select 1
               from messages m
                        join conversations c on c.id = m.conversation_id
               where m.conversation_id = p_cid and m.seq = p_seq
                 and (c.history = 'full' or exists (select 1 from membership_periods p
                                                    where p.conversation_id = p_cid and p.user_id = p_user
                                                      and p_seq >= p.first_seq
                                                      and (p.last_seq is null or p_seq <= p.last_seq))));
$$;

-- Hides one message for the caller only, and tells the caller's other devices.
create function im_delete(p_cid text, p_user text, p_seq bigint,
                          out outcome text, out users text[], out seqs bigint[], out epochs text[])
    language plpgsql as
$$
begin
    if not exists (select 1 from conversations c where c.id = p_cid) then
        outcome := 'no_conversation';
        return;
    end if;
    perform 1 from user_heads h where h.user_id = p_user for update;
    if not im_is_member(p_cid, p_user) then
        outcome := 'not_member';
        return;
    end if;
    if not im_visible(p_cid, p_user, p_seq) then
        outcome := 'no_message';
        return;
    end if;
    insert into hidden_messages (user_id, conversation_id, seq) values (p_user, p_cid, p_seq)
    on conflict do nothing;
    if not found then
        outcome := 'unchanged';
        return;
    end if;
    select a.users, a.seqs, a.epochs into users, seqs, epochs
    from im_append(array [p_user], 'delete', p_cid, p_seq, null, null) a;
    outcome := 'changed';
end;
$$;
