-- After every migration: views, also those of later migrations, run with the caller's privileges
-- and row-level security (V10); TimescaleDB's chunks are read only through their hypertables
-- (V13), also the hypertables and chunks that migrations made.
select parkloop_views_invoke_as_caller();
select parkloop_chunks_only_through_hypertables();
