DROP TABLE funding_streams;
