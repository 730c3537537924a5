DROP TABLE service_profiles;
