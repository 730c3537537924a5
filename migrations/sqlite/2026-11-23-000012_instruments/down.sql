DROP TABLE instrument_responses;
DROP TABLE open_links;
DROP TABLE wave_instruments;
