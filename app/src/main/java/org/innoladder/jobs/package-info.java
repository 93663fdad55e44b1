/**
 * Persisted jobs: work that a user starts and that outlives the request (imports, evaluation runs, policy matching
 * runs) runs as a job of the db-scheduler library on PostgreSQL. A module submits a {@link org.innoladder.jobs.JobRequest}
 * through {@link org.innoladder.jobs.Jobs} and runs it in its {@link org.innoladder.jobs.JobHandler}; the job's
 * progress, its cancellation and its end are rows of table {@code job}, read by the jobs page ({@code /jobs}) and the
 * API ({@code /api/v1/jobs}). A job whose process died is marked FAILED with the reason when the application starts
 * again, and its handler ends what it recorded (docs/jobs.md).
 */
package org.innoladder.jobs;
