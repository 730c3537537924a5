DROP TABLE published_figures;
