-- After every migration: views, also those of later migrations, run with the caller's privileges
-- and row-level security (V10).
select parkloop_views_invoke_as_caller();
