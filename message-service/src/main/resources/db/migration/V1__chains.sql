-- The conversation chain, the user chains and the state around them.
-- Every write that touches several rows takes its locks in one order:
--   conversations row -> user_heads rows (sorted by user_id) -> members rows
-- so that concurrent sends, joins, reads and recalls never deadlock.

create table conversations (
    id         text primary key,
    owner_id   text        not null,
    access     text        not null check (access in ('open', 'invite')),
    history    text        not null check (history in ('full', 'since_join')),
    last_seq   bigint      not null default 0,
    created_at timestamptz not null default now()
);

create table messages (
    conversation_id text        not null references conversations (id),
    seq             bigint      not null,
    id              uuid        not null unique default gen_random_uuid(),
    sender_id       text        not null,
    client_msg_id   text,
    sent_at         timestamptz not null default now(),
    content         jsonb,
    state           text        not null default 'normal' check (state in ('normal', 'recalled')),
    primary key (conversation_id, seq)
);

create unique index messages_by_client_msg_id
    on messages (conversation_id, sender_id, client_msg_id) where client_msg_id is not null;

-- One row per user who ever was a member; active says whether they are one now.
create table members (
    conversation_id text    not null references conversations (id),
    user_id         text    not null,
    active          boolean not null,
    read_seq        bigint  not null default 0,
    primary key (conversation_id, user_id)
);

create index members_by_user on members (user_id) where active;

-- The stretches of the conversation chain a member was present for (history = since_join).
create table membership_periods (
    conversation_id text   not null,
    user_id         text   not null,
    first_seq       bigint not null,
    last_seq        bigint,
    primary key (conversation_id, user_id, first_seq)
);

create table user_heads (
    user_id  text   primary key,
    epoch    text   not null default replace(gen_random_uuid()::text, '-', ''),
    head_seq bigint not null default 0
);

-- An entry refers to the conversation chain rather than copying the message: rows stay small,
-- and a recall is seen by every later pull of the entry.
create table user_entries (
    user_id         text        not null,
    seq             bigint      not null,
    kind            text        not null check (kind in ('message', 'read', 'recall', 'delete', 'membership')),
    conversation_id text        not null,
    ref_seq         bigint,
    subject_id      text,
    change          text check (change in ('joined', 'left', 'removed')),
    created_at      timestamptz not null default now(),
    primary key (user_id, seq)
);

create table hidden_messages (
    user_id         text   not null,
    conversation_id text   not null,
    seq             bigint not null,
    primary key (user_id, conversation_id, seq)
);

-- The outbox: a user's chain is published up to published_seq. The chain itself holds what is
-- left to publish, so nothing is inserted and deleted per delivery.
create table publish_positions (
    user_id       text   primary key,
    published_seq bigint not null
);
