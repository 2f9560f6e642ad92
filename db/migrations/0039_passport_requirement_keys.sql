-- Composite keys (ADR 031, addendum on requirement screens): a unit's requirement may name only a
-- job profile of that unit, and a person requirement only a person of the unit that requires it.
-- The service checks both; these keys make the database refuse it whatever path writes the row.
-- A concern requirement (tenant_id null) and a unit requirement for everyone (job_profile_id null)
-- have a null in the key, so MATCH SIMPLE leaves them alone. The unique keys come first: a foreign
-- key needs one to point at.
ALTER TABLE "job_profiles" ADD CONSTRAINT "job_profiles_id_tenant_unique" UNIQUE("id","tenant_id");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_id_tenant_unique" UNIQUE("id","tenant_id");--> statement-breakpoint
ALTER TABLE "competency_requirements" ADD CONSTRAINT "competency_requirements_job_profile_unit_fk" FOREIGN KEY ("job_profile_id","tenant_id") REFERENCES "public"."job_profiles"("id","tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_requirements" ADD CONSTRAINT "person_requirements_user_unit_fk" FOREIGN KEY ("user_id","tenant_id") REFERENCES "public"."users"("id","tenant_id") ON DELETE no action ON UPDATE no action;
