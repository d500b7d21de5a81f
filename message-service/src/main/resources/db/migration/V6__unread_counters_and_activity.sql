-- GET /v1/conversations reads counters instead of counting: each active member's unread count is
-- kept by the triggers below, in the transaction of every write that changes it, and each
-- conversation's last activity is kept for the list's order and its cursor. The write functions
-- stay as they are; the triggers keep the lock order (conversations -> user_heads -> members).

alter table members add column unread bigint not null default 0;
-- Room on each page, so that a counter update can stay a heap-only (HOT) update.
alter table members set (fillfactor = 80);

alter table conversations add column active_at timestamptz;
update conversations c
set active_at = coalesce((select m.sent_at from messages m where m.conversation_id = c.id and m.seq = c.last_seq),
                         c.created_at);
alter table conversations alter column active_at set default now();
alter table conversations alter column active_at set not null;

create index members_by_user_and_conversation on members (user_id, conversation_id) where active;
create index conversations_by_activity on conversations (active_at desc, id desc);

-- The unread rule of docs/protocol.md: messages after the read position, not sent by the user, not
-- recalled, visible under the history rule, not deleted by the user.
create function im_unread(p_cid text, p_user text, p_read_seq bigint) returns bigint
    language sql stable as
$$
select count(*)
from messages m
         join conversations c on c.id = m.conversation_id
where m.conversation_id = p_cid and m.seq > p_read_seq and m.sender_id <> p_user and m.state = 'normal'
  and (c.history = 'full' or exists (select 1 from membership_periods p
                                     where p.conversation_id = p_cid and p.user_id = p_user
                                       and m.seq >= p.first_seq and (p.last_seq is null or m.seq <= p.last_seq)))
  and not exists (select 1 from hidden_messages h
                  where h.user_id = p_user and h.conversation_id = p_cid and h.seq = m.seq);
$$;

update members mb set unread = im_unread(mb.conversation_id, mb.user_id, mb.read_seq) where mb.active;

-- A member who arrives, returns or moves the read position is counted again over what is after
-- it: exact, and usually empty (a read mark goes to the end, a sender's read position moves to
-- their own message).
create function im_recount_unread() returns trigger
    language plpgsql as
$$
begin
    new.unread := im_unread(new.conversation_id, new.user_id, new.read_seq);
    return new;
end;
$$;

create trigger members_count_on_arrival
    before insert on members
    for each row when (new.active)
execute function im_recount_unread();

create trigger members_count_on_change
    before update of read_seq, active on members
    for each row when (new.active and (not old.active or new.read_seq <> old.read_seq))
execute function im_recount_unread();

-- A new message is unread for every other active member. Deferred to the end of the send, so the
-- members rows are locked after the user_heads rows, as everywhere else.
create function im_count_sent() returns trigger
    language plpgsql as
$$
begin
    update members mb set unread = mb.unread + 1
    where mb.conversation_id = new.conversation_id and mb.active and mb.user_id <> new.sender_id
      and mb.read_seq < new.seq;
    return null;
end;
$$;

create constraint trigger messages_count_sent
    after insert on messages
    deferrable initially deferred
    for each row
execute function im_count_sent();

-- A recalled message is no longer unread for those who had it unread.
create function im_count_recalled() returns trigger
    language plpgsql as
$$
begin
    update members mb set unread = mb.unread - 1
    where mb.conversation_id = new.conversation_id and mb.active and mb.user_id <> new.sender_id
      and mb.read_seq < new.seq
      and ((select c.history from conversations c where c.id = new.conversation_id) = 'full'
        or exists (select 1 from membership_periods p
                   where p.conversation_id = new.conversation_id and p.user_id = mb.user_id
                     and new.seq >= p.first_seq and (p.last_seq is null or new.seq <= p.last_seq)))
      and not exists (select 1 from hidden_messages h
                      where h.user_id = mb.user_id and h.conversation_id = new.conversation_id
                        and h.seq = new.seq);
    return null;
end;
$$;

create trigger messages_count_recalled
    after update of state on messages
    for each row when (old.state = 'normal' and new.state = 'recalled')
execute function im_count_recalled();

-- A message the user deletes for themselves is no longer unread for them (im_delete has checked
-- that they may see it).
create function im_count_hidden() returns trigger
    language plpgsql as
$$
begin
    update members mb set unread = mb.unread - 1
    where mb.conversation_id = new.conversation_id and mb.user_id = new.user_id and mb.active
      and mb.read_seq < new.seq
      and exists (select 1 from messages m
                  where m.conversation_id = new.conversation_id and m.seq = new.seq
                    and m.sender_id <> new.user_id and m.state = 'normal');
    return null;
end;
$$;

create trigger hidden_messages_count
    after insert on hidden_messages
    for each row
execute function im_count_hidden();

-- The last activity is the last message's time: the row im_send updates for the new last_seq.
create function im_mark_activity() returns trigger
    language plpgsql as
$$
begin
    new.active_at := now();
    return new;
end;
$$;

create trigger conversations_activity
    before update of last_seq on conversations
    for each row when (new.last_seq <> old.last_seq)
execute function im_mark_activity();
