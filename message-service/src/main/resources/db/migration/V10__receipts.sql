-- Who is told that a reader's position moved: the other active members, when the conversation
-- has at most p_max members (null otherwise: larger conversations pull their receipts). Called in
-- the statement of the read mark, so a receipt costs no round trip and no write of its own.
create function im_receipt_recipients(p_cid text, p_reader text, p_max int) returns text[]
    language plpgsql stable as
$$
declare
    v_members text[];
begin
    v_members := array(select mb.user_id from members mb
                       where mb.conversation_id = p_cid and mb.active and mb.user_id <> p_reader
                       limit p_max);
    if cardinality(v_members) >= p_max then
        return null;
    end if;
    return v_members;
end;
$$;
