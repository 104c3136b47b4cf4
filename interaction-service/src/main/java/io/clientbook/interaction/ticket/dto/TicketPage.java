package io.clientbook.interaction.ticket.dto;

import java.util.List;

public record TicketPage(List<TicketView> items, String nextCursor) {
}
