DROP TABLE area_population_groups;
