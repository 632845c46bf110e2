-- Edit distances for typo-tolerant name search.
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
