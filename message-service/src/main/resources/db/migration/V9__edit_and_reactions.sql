-- Edit and reactions.
--
-- A sender may edit a message within a window. The message keeps only its newest content and the
-- time of the last edit; every current member gets an 'edit' entry, which refers to the message
-- as a 'message' entry does, so a pull shows the content as it is now.
alter table messages add column edited_at timestamptz;

-- NOT VALID: existing rows satisfy it already, and a large table is not scanned under a lock.
alter table user_entries drop constraint user_entries_kind_check;
alter table user_entries add constraint user_entries_kind_check
    check (kind in ('message', 'read', 'recall', 'delete', 'membership', 'edit', 'reaction')) not valid;
alter table user_entries drop constraint user_entries_change_check;
alter table user_entries add constraint user_entries_change_check
    check (change in ('joined', 'left', 'removed', 'added')) not valid;
alter table user_entries add column reaction text;

-- Locks the conversation for a change to one of its messages, and says why the caller may not
-- make it: 'no_conversation', 'not_member', 'no_message'; null when the caller is a member and
-- the message exists.
create function im_lock_message(p_cid text, p_user text, p_seq bigint) returns text
    language plpgsql as
$$
begin
    perform 1 from conversations c where c.id = p_cid for update;
    if not found then
        return 'no_conversation';
    end if;
    if not im_is_member(p_cid, p_user) then
        return 'not_member';
    end if;
    if not exists (select 1 from messages m where m.conversation_id = p_cid and m.seq = p_seq) then
        return 'no_message';
    end if;
    return null;
end;
$$;

create function im_edit(p_cid text, p_user text, p_seq bigint, p_content jsonb, p_window interval,
                        p_now timestamptz,
                        out outcome text, out id uuid, out seq bigint, out sender_id text,
                        out client_msg_id text, out sent_at timestamptz, out content text,
                        out state text, out edited_at timestamptz, out reactions text,
                        out users text[], out seqs bigint[], out epochs text[])
    language plpgsql as
$$
declare
    v_msg messages%rowtype;
begin
    outcome := im_lock_message(p_cid, p_user, p_seq);
    if outcome is not null then
        return;
    end if;
    select * into v_msg from messages m where m.conversation_id = p_cid and m.seq = p_seq;
    if p_user <> v_msg.sender_id then
        outcome := 'not_editor';
        return;
    end if;
    if v_msg.state = 'recalled' then
        outcome := 'recalled';
        return;
    end if;
    if p_now - v_msg.sent_at > p_window then
        outcome := 'edit_window_passed';
        return;
    end if;
    update messages m set content = p_content, edited_at = p_now
    where m.conversation_id = p_cid and m.seq = p_seq
    returning * into v_msg;
    select a.users, a.seqs, a.epochs into users, seqs, epochs
    from im_append(im_active_members(p_cid), 'edit', p_cid, p_seq, null, null) a;
    outcome := 'changed';
    id := v_msg.id;
    seq := v_msg.seq;
    sender_id := v_msg.sender_id;
    client_msg_id := v_msg.client_msg_id;
    sent_at := v_msg.sent_at;
    content := v_msg.content::text;
    state := v_msg.state;
    edited_at := v_msg.edited_at;
    reactions := im_reactions(p_cid, p_seq, p_user)::text;
end;
$$;

-- Members who can see a message may react to it, each with any reaction once. A 'reaction' entry
-- (subject: the reacting user; change: added or removed) goes to every current member.
create table reactions (
    conversation_id text        not null,
    seq             bigint      not null,
    reaction        text        not null,
    user_id         text        not null,
    reacted_at      timestamptz not null default now(),
    primary key (conversation_id, seq, reaction, user_id),
    foreign key (conversation_id, seq) references messages (conversation_id, seq)
);

-- The reactions of a message as one user sees them, in the order they first appeared; null when
-- it has none, so a message without reactions reads as it did before they existed.
create function im_reactions(p_cid text, p_seq bigint, p_user text) returns jsonb
    language sql stable as
$$
select jsonb_agg(jsonb_build_object('reaction', r.reaction, 'count', r.n, 'me', r.me)
                 order by r.first_at, r.reaction)
from (select x.reaction, count(*) as n, bool_or(x.user_id = p_user) as me, min(x.reacted_at) as first_at
      from reactions x where x.conversation_id = p_cid and x.seq = p_seq
      group by x.reaction) r;
$$;

-- im_append learns to carry a reaction; its other callers leave it out.
drop function im_append(text[], text, text, bigint, text, text);
create function im_append(p_users text[], p_kind text, p_cid text, p_ref_seq bigint,
                          p_subject text, p_change text, p_reaction text default null,
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
             insert into user_entries (user_id, seq, kind, conversation_id, ref_seq, subject_id, change, reaction)
                 select b.user_id, b.head_seq, p_kind, p_cid, p_ref_seq, p_subject, p_change, p_reaction
                 from bumped b)
    select coalesce(array_agg(b.user_id order by b.user_id), '{}'),
           coalesce(array_agg(b.head_seq order by b.user_id), '{}'),
           coalesce(array_agg(b.epoch order by b.user_id), '{}')
    into users, seqs, epochs
    from bumped b;
end;
$$;

-- Adds (p_add) or removes one user's reaction; 'unchanged' when it already was so.
create function im_react(p_cid text, p_user text, p_seq bigint, p_reaction text, p_add boolean,
                         p_max_reactions int,
                         out outcome text, out shown text,
                         out users text[], out seqs bigint[], out epochs text[])
    language plpgsql as
$$
declare
    v_state text;
begin
    outcome := im_lock_message(p_cid, p_user, p_seq);
    if outcome is not null then
        return;
    end if;
    select m.state into v_state from messages m where m.conversation_id = p_cid and m.seq = p_seq;
    if not im_visible(p_cid, p_user, p_seq)
        or exists (select 1 from hidden_messages h
                   where h.user_id = p_user and h.conversation_id = p_cid and h.seq = p_seq) then
        outcome := 'no_message';
        return;
    end if;
    if v_state = 'recalled' then
        outcome := 'recalled';
        return;
    end if;
    if p_add then
        if not exists (select 1 from reactions r
                       where r.conversation_id = p_cid and r.seq = p_seq and r.reaction = p_reaction)
            and (select count(distinct r.reaction) from reactions r
                 where r.conversation_id = p_cid and r.seq = p_seq) >= p_max_reactions then
            outcome := 'too_many_reactions';
            return;
        end if;
        insert into reactions (conversation_id, seq, reaction, user_id)
        values (p_cid, p_seq, p_reaction, p_user)
        on conflict do nothing;
    else
        delete from reactions r
        where r.conversation_id = p_cid and r.seq = p_seq and r.reaction = p_reaction and r.user_id = p_user;
    end if;
    if found then
        select a.users, a.seqs, a.epochs into users, seqs, epochs
        from im_append(im_active_members(p_cid), 'reaction', p_cid, p_seq, p_user,
                       case when p_add then 'added' else 'removed' end, p_reaction) a;
        outcome := 'changed';
    else
        outcome := 'unchanged';
    end if;
    shown := im_reactions(p_cid, p_seq, p_user)::text;
end;
$$;
