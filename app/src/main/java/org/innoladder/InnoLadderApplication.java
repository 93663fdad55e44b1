package org.innoladder;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring Boot application: web pages, REST API and the database-backed command-line verbs. */
@SpringBootApplication
public class InnoLadderApplication {
}
