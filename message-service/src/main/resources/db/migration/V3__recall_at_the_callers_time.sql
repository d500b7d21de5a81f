-- The recall window is measured against the service's clock, passed in, instead of the database's
-- now(): one clock for every time rule, which tests can move instead of sleeping.
drop function im_recall(text, text, bigint, interval);

create function im_recall(p_cid text, p_user text, p_seq bigint, p_window interval, p_now timestamptz,
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
        if p_now - v_msg.sent_at > p_window then
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
