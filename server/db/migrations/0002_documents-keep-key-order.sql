ALTER TABLE "registry_versions" ALTER COLUMN "document" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "twins" ALTER COLUMN "document" SET DATA TYPE json;