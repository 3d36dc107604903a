package dev.ordersaga.inventory.stock;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/** The {@code product_stock} table. */
@Repository
public class ProductStockRepository {

    private static final String INSERT_IF_ABSENT = """
            INSERT INTO product_stock (product_id, available, reserved, version, updated_at)
            VALUES (:productId, :available, 0, 0, now())
            ON CONFLICT (product_id) DO NOTHING""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batchJdbc;

    ProductStockRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batchJdbc) {
        this.jdbc = jdbc;
        this.batchJdbc = batchJdbc;
    }

    public List<ProductStock> findAll() {
        return jdbc.sql("SELECT product_id, available, reserved, committed, version FROM product_stock ORDER BY product_id")
                .query(ProductStock.class)
                .list();
    }

    public Optional<ProductStock> findById(String productId) {
        return jdbc.sql("SELECT product_id, available, reserved, committed, version FROM product_stock"
                        + " WHERE product_id = :productId")
                .param("productId", productId)
                .query(ProductStock.class)
                .optional();
    }

    /**
     * The products that exist among {@code productIds}, ordered by id, in one statement however many there are.
     * A plain read, no row locks: writers find out whether it is still current through the version.
     */
    public List<ProductStock> findAllById(Collection<String> productIds) {
        if (productIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT product_id, available, reserved, committed, version FROM product_stock"
                        + " WHERE product_id = ANY(:productIds) ORDER BY product_id")
                .param("productIds", productIds.toArray(String[]::new))
                .query(ProductStock.class)
                .list();
    }

    /**
     * Writes each row's available, reserved and committed stock, if the row is still at the version it carries, in one
     * JDBC batch and in the given order (callers pass product-id order, so concurrent writers lock rows in the same
     * order and cannot deadlock).
     *
     * @return the products whose row was no longer at its version (a concurrent writer changed it); when there are
     *     any, the other rows may have been written and the caller must roll its transaction back
     */
    public Set<String> updateIfUnchanged(List<ProductStock> rows) {
        if (rows.isEmpty()) {
            return Set.of();
        }
        SqlParameterSource[] batch = rows.stream()
                .map(row -> new MapSqlParameterSource()
                        .addValue("productId", row.productId())
                        .addValue("available", row.available())
                        .addValue("reserved", row.reserved())
                        .addValue("committed", row.committed())
                        .addValue("version", row.version()))
                .toArray(SqlParameterSource[]::new);
        int[] updated = batchJdbc.batchUpdate("""
                UPDATE product_stock
                   SET available = :available, reserved = :reserved, committed = :committed,
                       version = version + 1, updated_at = now()
                 WHERE product_id = :productId AND version = :version""", batch);
        Set<String> changedMeanwhile = new TreeSet<>();
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                changedMeanwhile.add(rows.get(i).productId());
            }
        }
        return changedMeanwhile;
    }

    /** @return whether the product was created; false when it already existed (it is left as it is) */
    public boolean insertIfAbsent(String productId, int available) {
        return jdbc.sql(INSERT_IF_ABSENT)
                .param("productId", productId)
                .param("available", available)
                .update() == 1;
    }

    /** Creates the products that do not exist yet, each with {@code available} stock; existing ones keep theirs. */
    public void insertAllIfAbsent(List<String> productIds, int available) {
        SqlParameterSource[] batch = productIds.stream()
                .map(id -> new MapSqlParameterSource().addValue("productId", id).addValue("available", available))
                .toArray(SqlParameterSource[]::new);
        batchJdbc.batchUpdate(INSERT_IF_ABSENT, batch);
    }
}
