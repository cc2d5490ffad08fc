package dev.myrq.dashboard;

import java.time.Instant;

/**
 * What every page's frame needs: its title, which tab is current, the form token, an optional notice after an
 * action, and the moment the page was read (for "ago" times).
 *
 * @param section "queues" or "workers": the tab shown as current
 * @param notice one line saying what an action did, or null
 * @param refreshSeconds how often the page's live part reloads itself; 0 for never
 */
public record Frame(String title, String section, String csrf, String notice, int refreshSeconds, Instant now) {}
