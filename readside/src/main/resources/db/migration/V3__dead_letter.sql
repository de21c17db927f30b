-- Inputs that could not be trusted, as the dead-letter topic carries them: the reason code (see
-- docs/dead-letters.md), a sentence for a person, where it came from, the raw payload and the
-- index of the element within a batched array. A replay writes its bad lines here; each row is
-- an event, so replaying a file again adds its dead letters again with the new received_at.
create table dead_letter (
  id          bigserial primary key,
  received_at timestamptz not null,
  source      text not null,           -- mqtt:<topic>, tcp:<address>, file:<name>:<line>
  reason      text not null,
  detail      text not null,
  payload     bytea not null,
  element     int                      -- null unless the payload is a batched array
);

create index dead_letter_reason on dead_letter (reason, received_at);
