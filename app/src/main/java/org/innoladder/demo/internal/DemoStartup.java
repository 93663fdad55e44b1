package org.innoladder.demo.internal;

import java.util.List;

import org.innoladder.generator.GeneratorSettings;
import org.innoladder.identity.DemoAccounts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** On {@code serve}: the demo data when the database is empty, then the demo accounts printed for the newcomer. */
@Component
@Profile("serve")
class DemoStartup implements ApplicationRunner {
    private final DemoData demo;
    private final org.innoladder.policy.PolicyDemo policies;
    private final org.innoladder.review.ReviewDemo reviews;
    private final org.innoladder.challenge.ChallengeDemo challenges;
    private final boolean loadDemo;
    private final int port;

    DemoStartup(DemoData demo, org.innoladder.policy.PolicyDemo policies, org.innoladder.review.ReviewDemo reviews,
                org.innoladder.challenge.ChallengeDemo challenges, @Value("${innoladder.demo.load-when-empty:true}") boolean loadDemo,
                @Value("${server.port:8080}") int port) {
        this.demo = demo;
        this.policies = policies;
        this.reviews = reviews;
        this.challenges = challenges;
        this.loadDemo = loadDemo;
        this.port = port;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!loadDemo) return;
        List<DemoAccounts.Account> accounts = demo.ensureLoaded(GeneratorSettings.demo());
        policies.ensureLoaded(GeneratorSettings.demo().fromYear(), GeneratorSettings.demo().toYear());
        reviews.ensureLoaded(GeneratorSettings.demo().toYear());
        challenges.ensureLoaded();
        StringBuilder text = new StringBuilder()
                .append("\n  InnoLadder 科创梯度培育平台 is serving http://localhost:").append(port).append('\n')
                .append("  Demo accounts (password ").append(DemoAccounts.PASSWORD).append("):\n");
        for (DemoAccounts.Account a : accounts) {
            text.append(String.format("    %-11s %-10s %s%n", a.username(), a.role(), a.scope()));
        }
        System.out.println(text);
    }
}
