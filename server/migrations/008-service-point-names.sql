-- Counterdesk central API, schema 8: a service point's names as its receipts print them (issue 15:
-- enrolling sets the service point code and names on the workstation from the server's answer,
-- so receipts need no separate settings step). `name` stays the administrator's label; a name
-- not given falls back to it.
ALTER TABLE service_points ADD COLUMN name_zh text;
ALTER TABLE service_points ADD COLUMN name_pt text;
