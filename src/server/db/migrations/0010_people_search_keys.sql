CREATE TABLE "people_search_keys" (
	"person_id" uuid NOT NULL,
	"key" text COLLATE "C" NOT NULL,
	"whole" boolean NOT NULL,
	"organisation_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"type" "person_type" NOT NULL,
	"status" "person_status" NOT NULL,
	"last_name" text NOT NULL,
	"first_name" text NOT NULL,
	"nc_year" text,
	CONSTRAINT "people_search_keys_person_id_key_pk" PRIMARY KEY("person_id","key")
);
--> statement-breakpoint
CREATE TABLE "people_search_words" (
	"organisation_id" uuid NOT NULL,
	"word" text COLLATE "C" NOT NULL,
	CONSTRAINT "people_search_words_organisation_id_word_pk" PRIMARY KEY("organisation_id","word")
);
--> statement-breakpoint
ALTER TABLE "people_search_keys" ADD CONSTRAINT "people_search_keys_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people_search_words" ADD CONSTRAINT "people_search_words_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- "Names with a word starting s" in the order results are shown: exact words first, current
-- before left, then by name. The included columns filter without reading the table.
CREATE INDEX "people_search_keys_order_idx" ON "people_search_keys" ("organisation_id", "key", "whole" DESC, "status", "last_name", "first_name", "nc_year", "person_id") INCLUDE ("school_id", "type");--> statement-breakpoint
CREATE INDEX "people_search_words_trgm_idx" ON "people_search_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
-- The keys of a person's folded search text (" zoe oconnor "): each word whole, and the first
-- one and two letters of the longer ones. A key can come from several words.
CREATE FUNCTION people_search_keys_of(search_text text) RETURNS TABLE ("key" text, whole boolean)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT k, bool_or(w) FROM (
    SELECT word, true FROM unnest(string_to_array(btrim(search_text), ' ')) AS word WHERE word <> ''
    UNION ALL
    SELECT left(word, n), false
    FROM unnest(string_to_array(btrim(search_text), ' ')) AS word, generate_series(1, 2) AS n
    WHERE length(word) > n
  ) AS keys(k, w)
  GROUP BY k
$$;--> statement-breakpoint
-- The organisation's name words near each typed word (by position), and how near: within one
-- edit of a word or its start for up to 4 letters typed, two for more. Trigram similarity picks
-- the candidates through the index, Levenshtein distance decides. Its settings hold for the call
-- alone: the threshold, and the index rather than a sequential scan, which the planner picks
-- for a list of a few thousand words although the index is many times quicker. ROWS tells the
-- planner it returns a few words, so that their people are read through the keys index.
CREATE FUNCTION people_search_near_words(organisation uuid, typed text[])
RETURNS TABLE (word text, distance integer, "position" integer)
LANGUAGE sql STABLE ROWS 10
SET pg_trgm.word_similarity_threshold = 0.3
SET enable_seqscan = off
SET max_parallel_workers_per_gather = 0
AS $$
  SELECT near.word, near.distance, near."position" FROM (
    SELECT w.word,
      least(levenshtein(t.typed, w.word), levenshtein(t.typed, left(w.word, length(t.typed)))) AS distance,
      t."position"::integer AS "position", length(t.typed) AS typed_length
    FROM unnest(typed) WITH ORDINALITY AS t(typed, "position")
    JOIN people_search_words AS w ON w.organisation_id = organisation AND w.word %> t.typed
  ) AS near
  WHERE near.distance <= CASE WHEN near.typed_length <= 4 THEN 1 ELSE 2 END
$$;--> statement-breakpoint
-- Rewrites the keys of the people a statement inserted or changed in a way search depends on;
-- removed people have none. Once per statement, over its transition tables: a sync writes a
-- page of people in one statement. Words are added to the organisation's list here and pruned
-- by the application (pruneSearchWords), as taking them out one by one would make every sync
-- contend for them.
CREATE FUNCTION people_search_keys_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM people_search_keys AS k
    USING new_rows AS n JOIN old_rows AS o ON o.id = n.id
    WHERE k.person_id = n.id AND (
      o.search_text IS DISTINCT FROM n.search_text
      OR (o.removed_at IS NULL) IS DISTINCT FROM (n.removed_at IS NULL)
      OR o.status IS DISTINCT FROM n.status
      OR o.type IS DISTINCT FROM n.type
      OR o.school_id IS DISTINCT FROM n.school_id
      OR o.organisation_id IS DISTINCT FROM n.organisation_id
      OR o.last_name IS DISTINCT FROM n.last_name
      OR o.first_name IS DISTINCT FROM n.first_name
      OR o.nc_year IS DISTINCT FROM n.nc_year);
  END IF;
  -- New people, and changed ones whose keys were just deleted: everyone else still has theirs.
  WITH added AS (
    INSERT INTO people_search_keys
      (person_id, "key", whole, organisation_id, school_id, type, status, last_name, first_name, nc_year)
    SELECT n.id, k."key", k.whole, n.organisation_id, n.school_id, n.type, n.status, n.last_name,
      n.first_name, n.nc_year
    FROM new_rows AS n CROSS JOIN LATERAL people_search_keys_of(n.search_text) AS k
    WHERE n.removed_at IS NULL
      AND NOT EXISTS (SELECT FROM people_search_keys AS e WHERE e.person_id = n.id)
    RETURNING organisation_id, "key", whole
  )
  -- In one order, so that two schools' syncs adding the same new words wait for each other
  -- instead of deadlocking.
  INSERT INTO people_search_words (organisation_id, word)
  SELECT DISTINCT organisation_id, "key" FROM added WHERE whole ORDER BY organisation_id, "key"
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER people_search_keys_on_insert AFTER INSERT ON people
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION people_search_keys_refresh();--> statement-breakpoint
CREATE TRIGGER people_search_keys_on_update AFTER UPDATE ON people
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION people_search_keys_refresh();--> statement-breakpoint
-- The people already in the directory.
INSERT INTO people_search_keys
  (person_id, "key", whole, organisation_id, school_id, type, status, last_name, first_name, nc_year)
SELECT p.id, k."key", k.whole, p.organisation_id, p.school_id, p.type, p.status, p.last_name,
  p.first_name, p.nc_year
FROM people AS p CROSS JOIN LATERAL people_search_keys_of(p.search_text) AS k
WHERE p.removed_at IS NULL;--> statement-breakpoint
INSERT INTO people_search_words (organisation_id, word)
SELECT DISTINCT organisation_id, "key" FROM people_search_keys WHERE whole;
