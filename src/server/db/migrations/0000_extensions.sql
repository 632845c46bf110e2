-- Trigram matching for the people directory search.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
