-- Ratio imputation: a carried figure may be imputed from the services of its class that answered.
ALTER TABLE carried_figures DROP CONSTRAINT carried_figures_kind_check;
ALTER TABLE carried_figures ADD CONSTRAINT carried_figures_kind_check
    CHECK (kind IN ('rolled_forward', 'third_party', 'imputed'));
