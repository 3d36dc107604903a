package dev.ordersaga.order.api;

import dev.ordersaga.order.view.OrderChangeWaits;
import dev.ordersaga.order.view.OrderViewProperties;
import dev.ordersaga.order.view.OrderViews;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class OrderReadConfiguration {

    /**
     * After Spring's character encoding and HTTP observation filters, so that reads answered here still count in
     * {@code http.server.requests}; before everything else.
     */
    @Bean
    FilterRegistrationBean<OrderReadFilter> orderReadFilter(OrderViews views, OrderChangeWaits waits,
            OrderViewProperties properties) {
        var registration = new FilterRegistrationBean<>(new OrderReadFilter(views, waits, properties));
        registration.addUrlPatterns("/orders/*");
        registration.setAsyncSupported(true);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
