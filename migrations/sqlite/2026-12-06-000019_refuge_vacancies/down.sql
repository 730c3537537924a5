DROP TABLE refuge_vacancies;
