-- A recall says who recalled it: the sender, or the owner, who may recall anyone's message. The
-- message keeps it (recalledBy on every read), and the recall entries name them (userId).
-- Messages recalled before this migration do not know.
alter table messages add column recalled_by text;

create or replace function im_recall(p_cid text, p_user text, p_seq bigint, p_window interval, p_now timestamptz,
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
    from im_append(im_active_members(p_cid), 'recall', p_cid, p_seq, p_user, null) a;
    update messages m set state = 'recalled', content = null, recalled_by = p_user where m.conversation_id = p_cid and m.seq = p_seq;
    outcome := 'changed';
end;
$$;
