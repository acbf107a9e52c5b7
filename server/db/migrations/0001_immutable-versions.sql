-- Published versions are immutable: refuse any UPDATE of a registry version row.
CREATE OR REPLACE FUNCTION refuse_version_update() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'published versions are immutable' USING ERRCODE = 'P0001';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER registry_versions_immutable BEFORE UPDATE ON registry_versions
  FOR EACH ROW EXECUTE FUNCTION refuse_version_update();
