CREATE TYPE "public"."approval_step" AS ENUM('manager', 'coordinator');--> statement-breakpoint
CREATE TYPE "public"."budget_entry_kind" AS ENUM('commit', 'release');--> statement-breakpoint
CREATE SEQUENCE "public"."enrolment_queue" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "budget_ledger" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"kind" "budget_entry_kind" NOT NULL,
	"amount_cents" integer NOT NULL,
	"cost_centre" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_ledger_once" UNIQUE("enrolment_id","kind"),
	CONSTRAINT "budget_ledger_sign" CHECK (("budget_ledger"."kind" = 'commit') = ("budget_ledger"."amount_cents" >= 0))
);
--> statement-breakpoint
ALTER TABLE "budget_ledger" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "outbox_mails" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"message_key" text NOT NULL,
	"message_id" text NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_mails_messageKey_unique" UNIQUE("message_key")
);
--> statement-breakpoint
ALTER TABLE "outbox_mails" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "cost_centre" text;--> statement-breakpoint
ALTER TABLE "enrolments" ADD COLUMN "price_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "enrolments" ADD COLUMN "cost_centre" text;--> statement-breakpoint
ALTER TABLE "enrolments" ADD COLUMN "approval_step" "approval_step";--> statement-breakpoint
ALTER TABLE "enrolments" ADD COLUMN "approval_reason" text;--> statement-breakpoint
ALTER TABLE "enrolments" ADD COLUMN "decided_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "enrolments" ADD COLUMN "decision_note" text;--> statement-breakpoint
ALTER TABLE "enrolments" ADD COLUMN "queue_number" bigint;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "cancellation_reason" text;--> statement-breakpoint
ALTER TABLE "budget_ledger" ADD CONSTRAINT "budget_ledger_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_ledger" ADD CONSTRAINT "budget_ledger_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_ledger" ADD CONSTRAINT "budget_ledger_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_mails" ADD CONSTRAINT "outbox_mails_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budget_ledger_tenant_id_user_id_year_index" ON "budget_ledger" USING btree ("tenant_id","user_id","year");--> statement-breakpoint
CREATE INDEX "outbox_mails_tenant_id_created_at_index" ON "outbox_mails" USING btree ("tenant_id","created_at" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enrolments_waitlist" ON "enrolments" USING btree ("session_id","queue_number") WHERE "enrolments"."status" = 'waitlisted';--> statement-breakpoint
CREATE INDEX "enrolments_awaiting" ON "enrolments" USING btree ("tenant_id","status") WHERE "enrolments"."status" = 'awaiting_approval';--> statement-breakpoint
CREATE POLICY "budget_ledger_own_unit" ON "budget_ledger" AS PERMISSIVE FOR ALL TO public USING ("budget_ledger"."tenant_id" = app_tenant_id()) WITH CHECK ("budget_ledger"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "outbox_mails_own_unit" ON "outbox_mails" AS PERMISSIVE FOR ALL TO public USING ("outbox_mails"."tenant_id" = app_tenant_id()) WITH CHECK ("outbox_mails"."tenant_id" = app_tenant_id());