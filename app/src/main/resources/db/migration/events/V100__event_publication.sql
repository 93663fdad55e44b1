-- Spring Modulith's event publication registry (its JDBC schema, version 2, for PostgreSQL): every event that an
-- @ApplicationModuleListener receives is recorded here in the publishing transaction and marked completed when the
-- listener returns, so an event whose listener failed or was cut off by a crash is delivered again at the next start
-- (spring.modulith.events.republish-outstanding-events-on-restart). Created here rather than by Modulith's own
-- schema initialisation so that Flyway owns the whole schema (backup, restore and upgrades see it like any table).
CREATE TABLE event_publication (
    id                     uuid NOT NULL PRIMARY KEY,
    listener_id            text NOT NULL,
    event_type             text NOT NULL,
    serialized_event       text NOT NULL,
    publication_date       timestamp with time zone NOT NULL,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    integer,
    last_resubmission_date timestamp with time zone
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);
