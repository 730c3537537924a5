DROP TABLE prevalence_rates;
DROP TABLE area_populations;
