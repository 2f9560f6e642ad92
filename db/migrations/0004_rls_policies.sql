ALTER TABLE "tenants" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "job_profiles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "role_assignments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "course_audiences" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "courses" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "themes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "enrolments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "locations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "auth_sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenants_public_read" ON "tenants" AS PERMISSIVE FOR SELECT TO public USING (true);--> statement-breakpoint
CREATE POLICY "tenants_update_own" ON "tenants" AS PERMISSIVE FOR UPDATE TO public USING ("tenants"."id" = app_tenant_id()) WITH CHECK ("tenants"."id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "job_profiles_own_unit" ON "job_profiles" AS PERMISSIVE FOR ALL TO public USING ("job_profiles"."tenant_id" = app_tenant_id()) WITH CHECK ("job_profiles"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "role_assignments_own_unit" ON "role_assignments" AS PERMISSIVE FOR ALL TO public USING ("role_assignments"."tenant_id" = app_tenant_id()) WITH CHECK ("role_assignments"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "role_assignments_self" ON "role_assignments" AS PERMISSIVE FOR SELECT TO public USING ("role_assignments"."user_id" = app_user_id());--> statement-breakpoint
CREATE POLICY "users_own_unit" ON "users" AS PERMISSIVE FOR ALL TO public USING ("users"."tenant_id" = app_tenant_id()) WITH CHECK ("users"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "users_self" ON "users" AS PERMISSIVE FOR SELECT TO public USING ("users"."id" = app_user_id());--> statement-breakpoint
CREATE POLICY "users_participants" ON "users" AS PERMISSIVE FOR SELECT TO public USING (exists (select 1 from enrolments e join sessions s on s.id = e.session_id
				where e.tenant_id = "users"."tenant_id" and e.user_id = "users"."id" and s.tenant_id = app_tenant_id()));--> statement-breakpoint
CREATE POLICY "course_audiences_audience" ON "course_audiences" AS PERMISSIVE FOR SELECT TO public USING ("course_audiences"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "course_audiences_provider" ON "course_audiences" AS PERMISSIVE FOR ALL TO public USING (app_provides_course("course_audiences"."course_id")) WITH CHECK (app_provides_course("course_audiences"."course_id"));--> statement-breakpoint
CREATE POLICY "courses_visible" ON "courses" AS PERMISSIVE FOR SELECT TO public USING ("courses"."status" = 'published' and ("courses"."visibility" = 'concern' or exists (
				select 1 from course_audiences a where a.course_id = "courses"."id" and a.tenant_id = app_tenant_id())));--> statement-breakpoint
CREATE POLICY "courses_provider" ON "courses" AS PERMISSIVE FOR ALL TO public USING ("courses"."provider_tenant_id" = app_tenant_id()) WITH CHECK ("courses"."provider_tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "themes_public_read" ON "themes" AS PERMISSIVE FOR SELECT TO public USING (true);--> statement-breakpoint
CREATE POLICY "enrolments_own_unit" ON "enrolments" AS PERMISSIVE FOR ALL TO public USING ("enrolments"."tenant_id" = app_tenant_id()) WITH CHECK ("enrolments"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "enrolments_provider_read" ON "enrolments" AS PERMISSIVE FOR SELECT TO public USING (exists (select 1 from sessions s where s.id = "enrolments"."session_id" and s.tenant_id = app_tenant_id()));--> statement-breakpoint
CREATE POLICY "enrolments_provider_update" ON "enrolments" AS PERMISSIVE FOR UPDATE TO public USING (exists (select 1 from sessions s where s.id = "enrolments"."session_id" and s.tenant_id = app_tenant_id())) WITH CHECK (exists (select 1 from sessions s where s.id = "enrolments"."session_id" and s.tenant_id = app_tenant_id()));--> statement-breakpoint
CREATE POLICY "locations_public_read" ON "locations" AS PERMISSIVE FOR SELECT TO public USING (true);--> statement-breakpoint
CREATE POLICY "locations_own_unit" ON "locations" AS PERMISSIVE FOR ALL TO public USING ("locations"."tenant_id" = app_tenant_id()) WITH CHECK ("locations"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "sessions_with_course" ON "sessions" AS PERMISSIVE FOR SELECT TO public USING (exists (select 1 from courses c where c.id = "sessions"."course_id"));--> statement-breakpoint
CREATE POLICY "sessions_own_unit" ON "sessions" AS PERMISSIVE FOR ALL TO public USING ("sessions"."tenant_id" = app_tenant_id()) WITH CHECK ("sessions"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "audit_log_own_unit_read" ON "audit_log" AS PERMISSIVE FOR SELECT TO public USING ("audit_log"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "audit_log_append" ON "audit_log" AS PERMISSIVE FOR INSERT TO public WITH CHECK ("audit_log"."tenant_id" is null or "audit_log"."tenant_id" = app_tenant_id());