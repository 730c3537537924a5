DROP TABLE authority_populations;
