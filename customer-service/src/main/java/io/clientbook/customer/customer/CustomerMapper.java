package io.clientbook.customer.customer;

import io.clientbook.customer.customer.dto.CustomerView;
import io.clientbook.customer.customer.dto.EmailAddressDto;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;

/** Between the API's records and the entity; the one place that knows both. */
@ApplicationScoped
public class CustomerMapper {

    public CustomerView toView(Customer customer) {
        return new CustomerView(customer.id(), customer.displayName(),
                customer.emails().stream().map(e -> new EmailAddressDto(e.address(), e.primary())).toList(),
                customer.ownerId(), customer.createdAt(), customer.updatedAt());
    }

    /** Trims addresses and lower-cases their domain, keeping the local part as written. */
    public List<Customer.EmailAddress> toEmails(List<EmailAddressDto> emails) {
        return emails.stream().map(e -> new Customer.EmailAddress(normalise(e.address()), e.primary())).toList();
    }

    static String normalise(String address) {
        String trimmed = address.trim();
        int at = trimmed.lastIndexOf('@');
        return at < 0 ? trimmed : trimmed.substring(0, at + 1) + trimmed.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
