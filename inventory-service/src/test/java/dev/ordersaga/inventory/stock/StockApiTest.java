package dev.ordersaga.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.inventory.InventoryIntegrationTest;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** The stock API over real HTTP. */
class StockApiTest extends InventoryIntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {
            };

    @LocalServerPort
    int port;

    private RestClient http;

    @BeforeEach
    void connect() {
        http = RestClient.create("http://localhost:" + port);
    }

    @Test
    void shouldListEveryProductOrderedById() {
        String second = newProduct(7);
        String first = newProduct(3);

        List<ProductStock> all = http.get().uri("/inventory").retrieve()
                .body(new ParameterizedTypeReference<List<ProductStock>>() {
                });

        assertThat(all).contains(new ProductStock(first, 3, 0, 0, 0), new ProductStock(second, 7, 0, 0, 0))
                .isSortedAccordingTo(Comparator.comparing(ProductStock::productId));
    }

    @Test
    void shouldShowOneProductsStock() {
        String product = newProduct(4);
        reserveDirectly(product, 1);

        Map<String, Object> body = http.get().uri("/inventory/{id}", product).retrieve().body(JSON_OBJECT);

        assertThat(body).containsExactlyInAnyOrderEntriesOf(
                Map.of("productId", product, "available", 3, "reserved", 1, "committed", 0, "version", 1));
    }

    @Test
    void shouldAnswerNotFoundProblemWhenProductIsUnknown() {
        var response = problemFrom(http.get().uri("/inventory/{id}", "no-such-product"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).containsEntry("status", 404).containsEntry("title", "Unknown product");
        assertThat((String) response.getBody().get("detail")).contains("no-such-product");
    }

    @Test
    void shouldCreateAProductWithPut() {
        String product = "put-" + newOrderId();

        ProductStock created = put(product, Map.of("available", 12)).getBody();

        assertThat(created).isEqualTo(new ProductStock(product, 12, 0, 0, 0));
        assertThat(stockOf(product)).isEqualTo(created);
    }

    @Test
    void shouldSetAvailableStockAndKeepReservedStockWithPut() {
        String product = newProduct(5);
        reserveDirectly(product, 2);

        ProductStock updated = put(product, Map.of("available", 20)).getBody();

        assertThat(updated).isEqualTo(new ProductStock(product, 20, 2, 0, 2));
        assertThat(stockOf(product)).isEqualTo(updated);
    }

    @Test
    void shouldAnswerBadRequestProblemWhenAvailableStockIsNegativeOrMissing() {
        String product = newProduct(5);

        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("available", -1), Map.of())) {
            var response = problemFrom(http.put().uri("/inventory/{id}", product)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body));

            assertThat(response.getStatusCode()).as("answer to %s", body).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody()).containsEntry("status", 400);
        }
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 5, 0, 0, 0));
    }

    @Test
    void shouldAnswerBadRequestProblemWhenTheBodyIsNotAStockLevel() {
        String product = newProduct(5);

        for (String body : List.of("{\"available\": \"many\"}", "{\"available\": 1", "[]")) {
            var response = problemFrom(http.put().uri("/inventory/{id}", product)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body));

            assertThat(response.getStatusCode()).as("answer to %s", body).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 5, 0, 0, 0));
    }

    @Test
    void shouldAnswerBadRequestProblemWhenProductIdIsLongerThan64Characters() {
        String product = "p".repeat(65);

        var response = problemFrom(http.put().uri("/inventory/{id}", product)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("available", 1)));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(stock.findById(product)).isEmpty();
    }

    /** Moves units from available to reserved as a reservation would, through the same versioned update. */
    private void reserveDirectly(String product, int quantity) {
        assertThat(stock.updateIfUnchanged(List.of(stockOf(product).reserve(quantity)))).isEmpty();
    }

    private ResponseEntity<ProductStock> put(String productId, Map<String, Object> body) {
        return http.put().uri("/inventory/{id}", productId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toEntity(ProductStock.class);
    }

    /** The answer to a request expected to fail, with its problem detail as a JSON object. */
    private static ResponseEntity<Map<String, Object>> problemFrom(RestClient.RequestHeadersSpec<?> request) {
        return request.retrieve()
                .onStatus(HttpStatusCode::isError, (ignoredRequest, ignoredResponse) -> {
                })
                .toEntity(JSON_OBJECT);
    }
}
