package org.innoladder.importer.web;

import org.innoladder.importer.internal.ImportAccess;
import org.innoladder.importer.internal.ImportBatches;
import org.innoladder.importer.internal.ImportCommand;
import org.innoladder.importer.internal.ImportJobs;
import org.innoladder.importer.internal.ImportLimitExceeded;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.identity.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.server.ResponseStatusException;

/** The import page (platform admins and bureau officers): upload, progress polled by htmx, summary, recent batches, rejected rows as CSV. */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
public class ImportPageController {
    private final ImportJobs jobs;
    private final ImportBatches batches;

    public ImportPageController(ImportJobs jobs, ImportBatches batches) {
        this.jobs = jobs;
        this.batches = batches;
    }

    @GetMapping("/imports")
    public String page(Model model, CurrentUser user) {
        model.addAttribute("batches", batches.recent(user, 30));
        model.addAttribute("running", jobs.running(user));
        return "importer/imports";
    }

    /** Starts an import; when as many as allowed already run, the page says which limit (429). */
    @PostMapping("/imports")
    public ModelAndView upload(@RequestParam("file") MultipartFile file, @RequestParam(value = "source", required = false) String source,
                               CurrentUser user, HttpServletRequest request) throws IOException {
        if (file.isEmpty()) return new ModelAndView("redirect:/imports?empty");
        try {
            ImportJobs.Job job = ImportAccess.start(jobs, file, source, user, request);
            org.innoladder.web.NextStep.of("importer.started").flash();
            return new ModelAndView("redirect:/imports/jobs/" + job.id());
        } catch (ImportLimitExceeded e) {
            ModelAndView page = new ModelAndView("importer/imports", HttpStatus.TOO_MANY_REQUESTS);
            page.addObject("refused", e);
            page.addObject("batches", batches.recent(user, 30));
            page.addObject("running", jobs.running(user));
            return page;
        }
    }

    /** A job of this process; after a restart, the batch it ran. */
    @GetMapping("/imports/jobs/{jobId}")
    public String job(@PathVariable String jobId, Model model, CurrentUser user) {
        Optional<ImportJobs.Job> job = jobs.find(jobId).filter(j -> j.visibleTo(user));
        if (job.isEmpty()) return "redirect:/imports/" + batchOfJob(jobId, user).id();
        model.addAttribute("job", job.get());
        return "importer/job";
    }

    /** The fragment htmx polls every second while the job runs; after a restart htmx is sent to the batch. */
    @GetMapping("/imports/jobs/{jobId}/progress")
    public String progress(@PathVariable String jobId, Model model, CurrentUser user, HttpServletResponse response) {
        Optional<ImportJobs.Job> job = jobs.find(jobId).filter(j -> j.visibleTo(user));
        if (job.isEmpty()) {
            response.setHeader("HX-Redirect", "/imports/" + batchOfJob(jobId, user).id());
            model.addAttribute("gone", true);
            return "importer/job :: gone";
        }
        model.addAttribute("job", job.get());
        return "importer/job :: progress";
    }

    /** Cancels a running job (its starter or an admin); the job page then shows it ending CANCELLED. */
    @PostMapping("/imports/jobs/{jobId}/cancel")
    public String cancel(@PathVariable String jobId, CurrentUser user) {
        ImportJobs.Job job = jobs.find(jobId).filter(j -> j.visibleTo(user)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        jobs.cancel(job, user);
        return "redirect:/imports/jobs/" + jobId;
    }

    private ImportBatches.Batch batchOfJob(String jobId, CurrentUser user) {
        return batches.findByJob(user, jobId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    @GetMapping("/imports/{id}")
    public String batch(@PathVariable long id, Model model, CurrentUser user) {
        model.addAttribute("batch", batches.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("rejections", batches.rejections(id, 0, 200));
        return "importer/batch";
    }

    /** Every problem of a batch as CSV, UTF-8 with BOM so that Excel opens it. */
    @GetMapping("/imports/{id}/rejections.csv")
    public void rejectionsCsv(@PathVariable long id, HttpServletResponse response, CurrentUser user,
                              java.util.Locale locale) throws IOException {
        batches.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"import-" + id + "-rejections.csv\"");
        OutputStream out = response.getOutputStream();
        try (LocalisedRejectionCsv csv = new LocalisedRejectionCsv(out, locale)) {
            batches.forEachRejection(id, csv);
        }
    }

}
