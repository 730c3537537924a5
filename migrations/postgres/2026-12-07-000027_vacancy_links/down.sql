DROP TABLE vacancy_links;
