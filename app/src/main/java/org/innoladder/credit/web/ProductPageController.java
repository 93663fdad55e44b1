package org.innoladder.credit.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.credit.internal.AmountBands;
import org.innoladder.credit.internal.ProductDraft;
import org.innoladder.credit.internal.Products;
import org.innoladder.identity.CurrentUser;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NextStep;
import org.innoladder.web.Params;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The bank's product form (金融产品): a bank publishes and edits its own products — kind, amount and rate ranges,
 * term, eligibility criteria in CEL (checked on save, a bad one named by line and column), pool coverage and amounts
 * by revenue or tier band. Another bank's product is 404. A refused save shows the form again with what was typed.
 */
@Controller
@PreAuthorize("hasRole('BANK')")
public class ProductPageController {
    private final Products products;

    public ProductPageController(Products products) {
        this.products = products;
    }

    @GetMapping("/credit/bank/products/new")
    public String create(Model model) {
        return show(null, ProductDraft.blank(), null, model);
    }

    @GetMapping("/credit/bank/products/{id}/edit")
    public String edit(CurrentUser user, @PathVariable String id, Model model) {
        long productId = Params.requiredId("id", id);
        return show(productId, ProductDraft.of(products.own(user, productId)), null, model);
    }

    @PostMapping("/credit/bank/products")
    public String saveNew(CurrentUser user, @RequestParam(required = false) String code,
                          @RequestParam(required = false) String name, @RequestParam(required = false) String kind,
                          @RequestParam(required = false) String amountMin, @RequestParam(required = false) String amountMax,
                          @RequestParam(required = false) String rateMin, @RequestParam(required = false) String rateMax,
                          @RequestParam(required = false) String term, @RequestParam(required = false) String eligibility,
                          @RequestParam(required = false) String poolCovered, @RequestParam(required = false) String bandBasis,
                          @RequestParam(required = false) String bands, @RequestParam(required = false) String active,
                          HttpServletRequest request, HttpServletResponse response, Model model) {
        return save(user, null, new ProductDraft(code, name, kind, amountMin, amountMax, rateMin, rateMax, term, eligibility,
                "true".equals(poolCovered), bandBasis, bands, "true".equals(active)), request, response, model);
    }

    @PostMapping("/credit/bank/products/{id}")
    public String saveExisting(CurrentUser user, @PathVariable String id, @RequestParam(required = false) String code,
                          @RequestParam(required = false) String name, @RequestParam(required = false) String kind,
                          @RequestParam(required = false) String amountMin, @RequestParam(required = false) String amountMax,
                          @RequestParam(required = false) String rateMin, @RequestParam(required = false) String rateMax,
                          @RequestParam(required = false) String term, @RequestParam(required = false) String eligibility,
                          @RequestParam(required = false) String poolCovered, @RequestParam(required = false) String bandBasis,
                          @RequestParam(required = false) String bands, @RequestParam(required = false) String active,
                               HttpServletRequest request, HttpServletResponse response, Model model) {
        long productId = Params.requiredId("id", id);
        products.own(user, productId);
        return save(user, productId, new ProductDraft(code, name, kind, amountMin, amountMax, rateMin, rateMax, term, eligibility,
                "true".equals(poolCovered), bandBasis, bands, "true".equals(active)), request, response, model);
    }

    private String save(CurrentUser user, Long id, ProductDraft d, HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            products.save(user, id, d, request.getRemoteAddr());
        } catch (BadParameterException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return show(id, d, e, model);
        }
        new NextStep(id == null ? "产品已发布，符合条件的企业在“我的融资”中可以看到并申请。" : "产品已保存，企业从下一次打开页面起看到新的条件和额度。",
                id == null ? "Product published: enterprises that match see it under My financing and may apply."
                        : "Product saved: enterprises see the new terms from their next visit.").flash();
        return "redirect:/credit/bank#bank-products";
    }

    private String show(Long id, ProductDraft draft, BadParameterException error, Model model) {
        model.addAttribute("productId", id);
        model.addAttribute("draft", draft);
        model.addAttribute("error", error);
        model.addAttribute("kinds", Products.Kind.values());
        model.addAttribute("bases", AmountBands.Basis.values());
        model.addAttribute("tiers", org.innoladder.rules.ladder.Tier.values());
        return "credit/product-form";
    }

    /** Another bank's product, or none: the same 404. */
    @ExceptionHandler(org.innoladder.web.NotFoundException.class)
    public void notFound(HttpServletResponse response) throws java.io.IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
