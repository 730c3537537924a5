DROP TABLE due_diligence;
DROP TABLE grant_subcontracts;
DROP TABLE grant_reviews;
DROP TABLE grant_finance;
DROP TABLE grant_kpis;
DROP TABLE grants;
