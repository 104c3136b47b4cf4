/**
 * The customer-base models of the literature, as plain Java: BG/NBD (Fader, Hardie &amp; Lee 2005),
 * Pareto/NBD (Schmittlein, Morrison &amp; Colombo 1987; likelihood as in Fader &amp; Hardie 2005) and
 * Gamma-Gamma (Fader, Hardie &amp; Lee 2005, "RFM and CLV"). Maximum likelihood in log-parameters with
 * Hipparchus' BOBYQA; every formula is written out in {@code docs/analytics.md}. No framework code here.
 */
package io.clientbook.analytics.model;
