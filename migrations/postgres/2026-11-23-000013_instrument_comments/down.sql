ALTER TABLE comments ADD CONSTRAINT comments_response_id_fkey FOREIGN KEY (response_id) REFERENCES responses (id);
