-- A function in SQL called from PL/pgSQL is planned again in every transaction; a PL/pgSQL
-- function keeps its plans for the connection. So the helpers that every send, join and leave
-- call are PL/pgSQL from here on, with the same bodies. Measured with pgbench on the durable
-- stack (docs/benchmarks.md): PostgreSQL CPU per 1:1 send 1,033 -> 832 us, per send to a group of
-- 10 1,293 -> 849 us.

create or replace function im_is_member(p_cid text, p_user text) returns boolean
    language plpgsql stable as
$$
begin
    return exists (select 1 from members mb where mb.conversation_id = p_cid and mb.user_id = p_user and mb.active);
end;
$$;

create or replace function im_active_members(p_cid text) returns text[]
    language plpgsql stable as
$$
begin
    return (select coalesce(array_agg(mb.user_id order by mb.user_id), '{}')
            from members mb where mb.conversation_id = p_cid and mb.active);
end;
$$;

create or replace function im_visible(p_cid text, p_user text, p_seq bigint) returns boolean
    language plpgsql stable as
$$
begin
    return exists (select 1
                   from messages m
                            join conversations c on c.id = m.conversation_id
                   where m.conversation_id = p_cid and m.seq = p_seq
                     and (c.history = 'full' or exists (select 1 from membership_periods p
                                                        where p.conversation_id = p_cid and p.user_id = p_user
                                                          and p_seq >= p.first_seq
                                                          and (p.last_seq is null or p_seq <= p.last_seq))));
end;
$$;

create or replace function im_unread(p_cid text, p_user text, p_read_seq bigint) returns bigint
    language plpgsql stable as
$$
begin
    return (select count(*)
            from messages m
                     join conversations c on c.id = m.conversation_id
            where m.conversation_id = p_cid and m.seq > p_read_seq and m.sender_id <> p_user
              and m.state = 'normal'
              and (c.history = 'full' or exists (select 1 from membership_periods p
                                                 where p.conversation_id = p_cid and p.user_id = p_user
                                                   and m.seq >= p.first_seq
                                                   and (p.last_seq is null or m.seq <= p.last_seq)))
              and not exists (select 1 from hidden_messages h
                              where h.user_id = p_user and h.conversation_id = p_cid and h.seq = m.seq));
end;
$$;

-- A read position at the conversation's last message (a sender's, after every send; a "mark all
-- read") leaves nothing unread: no count needed. 763 instead of 832 us per 1:1 send.
create or replace function im_recount_unread() returns trigger
    language plpgsql as
$$
begin
    if new.read_seq >= (select c.last_seq from conversations c where c.id = new.conversation_id) then
        new.unread := 0;
    else
        new.unread := im_unread(new.conversation_id, new.user_id, new.read_seq);
    end if;
    return new;
end;
$$;
