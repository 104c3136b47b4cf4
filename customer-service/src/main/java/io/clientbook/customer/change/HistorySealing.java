package io.clientbook.customer.change;

import io.clientbook.customer.pii.SealedRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The field history's personal values (e-mails, phones, addresses, birthday) for the re-sealing pass. */
@ApplicationScoped
class HistorySealing implements SealedRows {

    private final FieldHistory history;

    HistorySealing(FieldHistory history) {
        this.history = history;
    }

    @Override
    public String table() {
        return "customer_history";
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Batch resealAfter(String after, int size) {
        return history.resealBatch(after == null ? Long.MIN_VALUE : Long.parseLong(after), size);
    }
}
