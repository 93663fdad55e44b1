package org.innoladder.importer.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where uploads wait while they are imported: {@code <upload-dir>/<process>/}, one folder per running process, whose
 * {@code .lock} file the process holds an operating-system lock on for its whole life. The lock goes with the
 * process however it ends (kill -9 included), so a folder whose lock can be taken belonged to a process that died:
 * {@link #removeAbandoned()} deletes it. Another process on the same data (a second server, a command-line verb)
 * never loses the files of a live one.
 */
@Component
public class ImportUploads {
    private static final Logger log = LoggerFactory.getLogger(ImportUploads.class);
    private static final String LOCK = ".lock";
    private static final String NEW = ".new-";
    private static final Pattern FOLDER = Pattern.compile("(\\.new-)?[0-9]+-[0-9a-f]{8}");

    private final Path root;
    private Path mine;
    private FileChannel channel;
    private FileLock lock;

    public ImportUploads(ImportSettings settings) {
        this.root = settings.uploadDir().toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** A new file for one upload, in this process's folder (made and locked on first use). */
    synchronized Path newFile(String jobId, String suffix) throws IOException {
        if (mine == null) {
            String id = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
            // locked before it gets its final name, so no other process ever sees it unlocked
            Path fresh = Files.createDirectories(root.resolve(NEW + id));
            channel = FileChannel.open(fresh.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = channel.lock();
            mine = Files.move(fresh, root.resolve(id), StandardCopyOption.ATOMIC_MOVE);
        }
        return mine.resolve(jobId + suffix);
    }

    /**
     * Deletes the folders of processes that died (their imports cannot resume); returns the number of upload files
     * removed.
     */
    public synchronized int removeAbandoned() {
        if (!Files.isDirectory(root)) return 0;
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path p : entries) {
                // only folders this class made: the upload folder may be configured somewhere shared
                if (p.equals(mine) || !Files.isDirectory(p) || !FOLDER.matcher(p.getFileName().toString()).matches()) continue;
                if (abandoned(p)) removed += deleteTree(p);
            }
        } catch (IOException e) {
            log.warn("cannot clean the upload folder {}", root, e);
        }
        return removed;
    }

    private static boolean abandoned(Path dir) throws IOException {
        Path lockFile = dir.resolve(LOCK);
        if (!Files.exists(lockFile)) {
            // a folder being made by a live process has no lock file for a moment only
            return !dir.getFileName().toString().startsWith(NEW)
                    || Files.getLastModifiedTime(dir).toMillis() < System.currentTimeMillis() - 60_000;
        }
        try (FileChannel c = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock l = c.tryLock();
            if (l == null) return false;
            l.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false;   // held by another part of this JVM (another application context)
        }
    }

    /** Files (lock file not counted) removed. */
    private static int deleteTree(Path dir) throws IOException {
        int files = 0;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isRegularFile(p) && !p.getFileName().toString().equals(LOCK)) files++;
                Files.deleteIfExists(p);
            }
        }
        return files;
    }

    @PreDestroy
    synchronized void close() throws IOException {
        if (mine == null) return;
        lock.release();
        channel.close();
        deleteTree(mine);
        mine = null;
    }
}
