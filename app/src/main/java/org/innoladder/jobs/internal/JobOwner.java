package org.innoladder.jobs.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Component;

/**
 * This process as the runner of jobs: a number from {@code job_owner_seq}, and a session advisory lock on it held on
 * a connection of its own for as long as the process lives. PostgreSQL releases the lock when the process dies (its
 * connection closes), so a RUNNING job whose owner's lock can be taken was cut off — however the process ended.
 */
@Component
@DependsOnDatabaseInitialization
public class JobOwner {
    /** First key of the advisory locks on job owners ("JOBS"); the importer's batch locks use another. */
    public static final int LOCK = 0x4a4f4253;

    private final long id;
    private final Connection held;

    JobOwner(DataSource dataSource) throws SQLException {
        held = dataSource.getConnection();
        try (ResultSet rs = held.createStatement().executeQuery("SELECT nextval('job_owner_seq')")) {
            rs.next();
            id = rs.getLong(1);
        }
        try (PreparedStatement ps = held.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
            ps.setInt(1, LOCK);
            ps.setInt(2, (int) id);
            ps.execute();
        }
    }

    public long id() {
        return id;
    }

    @PreDestroy
    void release() throws SQLException {
        try (PreparedStatement ps = held.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            ps.setInt(1, LOCK);
            ps.setInt(2, (int) id);
            ps.execute();
        } finally {
            held.close();
        }
    }
}
