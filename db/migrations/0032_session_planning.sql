CREATE TABLE "meeting_links" (
	"meeting_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"url" text NOT NULL,
	CONSTRAINT "meeting_link_https" CHECK ("meeting_links"."url" ~ '^https://')
);
--> statement-breakpoint
ALTER TABLE "meeting_links" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "meeting_trainers" (
	"meeting_id" uuid NOT NULL,
	"trainer_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"cancelled" boolean NOT NULL,
	CONSTRAINT "meeting_trainers_meeting_id_trainer_id_pk" PRIMARY KEY("meeting_id","trainer_id")
);
--> statement-breakpoint
ALTER TABLE "meeting_trainers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "rooms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"name" text NOT NULL,
	"capacity" integer NOT NULL,
	"wheelchair_accessible" boolean DEFAULT false NOT NULL,
	"hearing_loop" boolean DEFAULT false NOT NULL,
	"accessibility_note" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rooms_id_tenant" UNIQUE("id","tenant_id"),
	CONSTRAINT "room_capacity_positive" CHECK ("rooms"."capacity" > 0)
);
--> statement-breakpoint
ALTER TABLE "rooms" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "session_meetings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"room_id" uuid,
	"online" boolean DEFAULT false NOT NULL,
	"cancelled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_meetings_booking" UNIQUE("id","tenant_id","starts_at","ends_at","cancelled"),
	CONSTRAINT "meeting_ends_after_start" CHECK ("session_meetings"."ends_at" > "session_meetings"."starts_at"),
	CONSTRAINT "meeting_room_or_online" CHECK (not ("session_meetings"."online" and "session_meetings"."room_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "session_meetings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "trainers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"organisation" text,
	"email" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trainers_id_tenant" UNIQUE("id","tenant_id"),
	CONSTRAINT "trainers_one_per_employee" UNIQUE("tenant_id","user_id"),
	CONSTRAINT "trainer_kind_fields" CHECK (("trainers"."kind" = 'internal') = ("trainers"."user_id" is not null) and ("trainers"."kind" = 'internal' or "trainers"."organisation" is not null))
);
--> statement-breakpoint
ALTER TABLE "trainers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "enrolment_deadline" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "minimum_participants" integer;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "participant_note" text;--> statement-breakpoint
-- Moved up by hand: the composite foreign keys below need these unique keys first.
ALTER TABLE "locations" ADD CONSTRAINT "locations_id_tenant" UNIQUE("id","tenant_id");--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_id_tenant" UNIQUE("id","tenant_id");--> statement-breakpoint
ALTER TABLE "meeting_links" ADD CONSTRAINT "meeting_links_meeting_id_session_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."session_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_links" ADD CONSTRAINT "meeting_links_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_trainers" ADD CONSTRAINT "meeting_trainers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_trainers" ADD CONSTRAINT "meeting_trainers_meeting_booking" FOREIGN KEY ("meeting_id","tenant_id","starts_at","ends_at","cancelled") REFERENCES "public"."session_meetings"("id","tenant_id","starts_at","ends_at","cancelled") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "meeting_trainers" ADD CONSTRAINT "meeting_trainers_trainer_same_unit" FOREIGN KEY ("trainer_id","tenant_id") REFERENCES "public"."trainers"("id","tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_location_same_unit" FOREIGN KEY ("location_id","tenant_id") REFERENCES "public"."locations"("id","tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_meetings" ADD CONSTRAINT "session_meetings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_meetings" ADD CONSTRAINT "session_meetings_session_same_unit" FOREIGN KEY ("session_id","tenant_id") REFERENCES "public"."sessions"("id","tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_meetings" ADD CONSTRAINT "session_meetings_room_same_unit" FOREIGN KEY ("room_id","tenant_id") REFERENCES "public"."rooms"("id","tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainers" ADD CONSTRAINT "trainers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainers" ADD CONSTRAINT "trainers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_trainers_trainer_id_starts_at_index" ON "meeting_trainers" USING btree ("trainer_id","starts_at");--> statement-breakpoint
CREATE INDEX "rooms_tenant_id_location_id_index" ON "rooms" USING btree ("tenant_id","location_id");--> statement-breakpoint
CREATE INDEX "session_meetings_session_id_starts_at_index" ON "session_meetings" USING btree ("session_id","starts_at");--> statement-breakpoint
CREATE INDEX "session_meetings_tenant_id_starts_at_index" ON "session_meetings" USING btree ("tenant_id","starts_at");--> statement-breakpoint
CREATE INDEX "trainers_tenant_id_name_index" ON "trainers" USING btree ("tenant_id","name");--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "minimum_participants_positive" CHECK ("sessions"."minimum_participants" is null or "sessions"."minimum_participants" > 0);--> statement-breakpoint
CREATE POLICY "meeting_links_own_unit" ON "meeting_links" AS PERMISSIVE FOR ALL TO public USING ("meeting_links"."tenant_id" = (select app_tenant_id())) WITH CHECK ("meeting_links"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
CREATE POLICY "meeting_links_participant" ON "meeting_links" AS PERMISSIVE FOR SELECT TO public USING (exists (select 1 from session_meetings m join enrolments e on e.session_id = m.session_id
				where m.id = "meeting_links"."meeting_id" and e.user_id = (select app_user_id()) and e.status in ('enrolled', 'attended', 'completed')));--> statement-breakpoint
CREATE POLICY "meeting_trainers_own_unit" ON "meeting_trainers" AS PERMISSIVE FOR ALL TO public USING ("meeting_trainers"."tenant_id" = (select app_tenant_id())) WITH CHECK ("meeting_trainers"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
CREATE POLICY "rooms_own_unit" ON "rooms" AS PERMISSIVE FOR ALL TO public USING ("rooms"."tenant_id" = (select app_tenant_id())) WITH CHECK ("rooms"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
CREATE POLICY "session_meetings_with_session" ON "session_meetings" AS PERMISSIVE FOR SELECT TO public USING (exists (select 1 from sessions s where s.id = "session_meetings"."session_id"));--> statement-breakpoint
CREATE POLICY "session_meetings_own_unit" ON "session_meetings" AS PERMISSIVE FOR ALL TO public USING ("session_meetings"."tenant_id" = (select app_tenant_id())) WITH CHECK ("session_meetings"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint
CREATE POLICY "trainers_own_unit" ON "trainers" AS PERMISSIVE FOR ALL TO public USING ("trainers"."tenant_id" = (select app_tenant_id())) WITH CHECK ("trainers"."tenant_id" = (select app_tenant_id()));--> statement-breakpoint

-- Hand-written below: what drizzle-kit does not generate (ADR 027).

-- btree_gist lets one GiST index combine "same room" (uuid =) with "overlapping time"
-- (tstzrange &&); it is a trusted extension, so the database owner may create it.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint

-- No double booking, decided by PostgreSQL: of two transactions that book one room (or one
-- trainer) for overlapping times, the second waits for the first and then fails with 23P01,
-- in whichever process it runs. Ranges are half-open, so 9–12 and 12–13 do not overlap.
-- Cancelled meetings free their room and trainers.
ALTER TABLE "session_meetings" ADD CONSTRAINT "session_meetings_room_not_double_booked"
	EXCLUDE USING gist ("room_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&) WHERE ("room_id" IS NOT NULL AND NOT "cancelled");--> statement-breakpoint
ALTER TABLE "meeting_trainers" ADD CONSTRAINT "meeting_trainers_not_double_booked"
	EXCLUDE USING gist ("trainer_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&) WHERE (NOT "cancelled");--> statement-breakpoint

-- A meeting is cancelled exactly when its session is; the cascading foreign key carries it on
-- to the trainers' bookings. Runs as the caller: the providing unit owns session and meetings.
CREATE OR REPLACE FUNCTION session_meetings_follow_status() RETURNS trigger
	LANGUAGE plpgsql SET search_path = public, pg_temp
	AS $$
	BEGIN
		UPDATE session_meetings SET cancelled = (NEW.status = 'cancelled')
			WHERE session_id = NEW.id AND cancelled IS DISTINCT FROM (NEW.status = 'cancelled');
		RETURN NULL;
	END
	$$;--> statement-breakpoint
CREATE TRIGGER sessions_meetings_follow_status AFTER UPDATE OF status ON sessions
	FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION session_meetings_follow_status();--> statement-breakpoint

-- Every existing session becomes one meeting over its whole span, without a room (rooms did
-- not exist) and online when it had no location. The seed plans real meetings.
INSERT INTO "session_meetings" ("id", "tenant_id", "session_id", "starts_at", "ends_at", "online", "cancelled", "created_at")
	SELECT gen_random_uuid(), s.tenant_id, s.id, s.starts_at, s.ends_at, s.location_id IS NULL, s.status = 'cancelled', s.created_at FROM sessions s;--> statement-breakpoint

GRANT SELECT, INSERT, UPDATE, DELETE ON rooms, trainers, session_meetings, meeting_links, meeting_trainers TO leerplein_app;--> statement-breakpoint
ALTER TABLE rooms FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE trainers FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE session_meetings FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE meeting_links FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE meeting_trainers FORCE ROW LEVEL SECURITY;
