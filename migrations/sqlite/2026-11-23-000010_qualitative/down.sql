DROP TABLE quotes;
DROP TABLE adjudications;
DROP TABLE codings;
DROP TABLE comments;
DROP TABLE codebooks;
