-- Sends several messages in one statement and one transaction: under load, message-service hands
-- the sends that queued while the database was busy to one call of this function, which spares
-- each send its own commit and round trip (about a third of PostgreSQL's CPU per send, measured
-- with pgbench in docs/benchmarks.md).
-- Every conversation of the batch is locked first, then every member's chain head, each in sorted
-- order, so that the lock order of every write (conversations -> user_heads -> members) holds
-- across the batch and two batches that share members cannot deadlock. Each item is then sent as
-- im_send sends it, in the order given: items of one conversation take their seqs in that order.
create function im_send_many(p_cids text[], p_senders text[], p_client_msg_ids text[], p_contents jsonb[])
    returns table (item int, outcome text, msg_id uuid, msg_seq bigint, sent_at timestamptz, content text,
                   state text, users text[], seqs bigint[], epochs text[], muted text[])
    language plpgsql as
$$
begin
    perform 1 from conversations c where c.id = any (p_cids) order by c.id for update;
    perform 1 from user_heads h
    where h.user_id in (select mb.user_id from members mb where mb.conversation_id = any (p_cids) and mb.active)
    order by h.user_id for update;
    for i in 1 .. cardinality(p_cids) loop
        return query
            select i, s.*, case when s.outcome = 'created' then im_muted_members(p_cids[i]) end
            from im_send(p_cids[i], p_senders[i], p_client_msg_ids[i], p_contents[i]) s;
    end loop;
end;
$$;
